from setuptools import setup

setup(name="hello_pkg", version="1.0", packages=["hello_pkg"])
