MSG = "hello from a package in the virtualenv"
