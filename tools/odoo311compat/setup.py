from setuptools import setup

setup(
    name="odoo311compat",
    version="1.0.0",
    description="Guarded Python 3.11 compatibility layer for Odoo 11.0",
    license="LGPL-3",
    packages=["odoo311compat"],
    python_requires=">=3.8,<3.12",
)
