# Stand-in for the official python:3.11 image: Debian's python3 (3.11) with pip and venv.
# The official image lets `pip install` write to the system site-packages, so the Debian
# EXTERNALLY-MANAGED marker (PEP 668) is removed. `python` and `pip` exist as in the official image.
FROM localhost/debian:bookworm
RUN apt-get update \
 && apt-get install -y python3 python3-pip python3-venv python-is-python3 \
 && rm -rf /var/lib/apt/lists/* \
 && rm -f /usr/lib/python3.11/EXTERNALLY-MANAGED \
 && ln -sf pip3 /usr/bin/pip \
 && python --version && pip --version
CMD ["python3"]
