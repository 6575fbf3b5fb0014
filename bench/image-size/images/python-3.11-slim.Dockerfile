# Stand-in for the official python:3.11-slim image: bookworm-slim + Debian's python3 (3.11) and pip,
# without recommends (no compiler, no headers). pip is included because the official -slim image has it.
FROM localhost/debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 python3-pip python-is-python3 \
 && rm -rf /var/lib/apt/lists/* \
 && rm -f /usr/lib/python3.11/EXTERNALLY-MANAGED \
 && ln -sf pip3 /usr/bin/pip \
 && python --version && pip --version
CMD ["python3"]
