"""Builds the compiled kernels (sim/compiled.py); everything else is in pyproject.toml.

Each kernel is optional: without a C compiler the install goes on, and the model runs
its numpy code, which gives the same values bit for bit, only slower.
"""

from pathlib import Path

from Cython.Build import cythonize
from setuptools import Extension, setup

# -ffp-contract=off: no fused multiply-add, so every product and sum is rounded as numpy
# rounds it (GCC contracts by default on some processors, aarch64 among them).
FLAGS = ["-ffp-contract=off", "-fno-fast-math"]  # after Python's own -O3
# Every sim/**/_*_c.pyx is a kernel (sim.compiled.KERNELS lists them; a test compares).
KERNELS = sorted(
    p.with_suffix("").as_posix().replace("/", ".") for p in Path("sim").glob("**/_*_c.pyx")
)

EXTENSIONS = cythonize(
    [
        Extension(name, [name.replace(".", "/") + ".pyx"], extra_compile_args=FLAGS)
        for name in KERNELS
    ],
    compiler_directives={"language_level": "3"},
)
for extension in EXTENSIONS:  # set after cythonize, which does not carry `optional` over
    extension.optional = True  # a failed build warns, and the install goes on

setup(ext_modules=EXTENSIONS)
