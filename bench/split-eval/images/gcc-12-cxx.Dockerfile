# Stand-in for the official gcc image for this evaluation: the official image ships g++ (and cmake's
# usual companions from buildpack-deps), the image-size stand-in localhost/gcc:12 only gcc and make.
# Built by run.mjs when missing: localhost/split-eval-standin/gcc:12-cxx.
FROM localhost/gcc:12
RUN apt-get update \
 && apt-get install -y g++ cmake \
 && rm -rf /var/lib/apt/lists/* \
 && g++ --version | head -1
CMD ["bash"]
