"""Entry point of the frozen program (PyInstaller): the same main() as the console script.

The employer's import checks files in worker processes, which multiprocessing starts as this
same program with its own arguments: a fork server or resource tracker ("-c 'from
multiprocessing... import main'") or, on Windows, a spawned worker ("--multiprocessing-fork").
PyInstaller's runtime hook for this would import multiprocessing at every start; this file
does the same diversion (after PyInstaller's pyi_rth_multiprocessing, Apache-2.0) only when
the arguments ask for it, so the start window comes up as fast as before.
"""

import sys

HELPERS = ("from multiprocessing.resource_tracker import main", "from multiprocessing.forkserver import main",
           "import sys; from multiprocessing.forkserver import main")


def _serve_multiprocessing() -> None:
    """Run and exit when this process was started as a multiprocessing helper or worker."""
    argv = sys.argv
    if "-c" in argv:
        i = argv.index("-c")
        if len(argv) > i + 1 and argv[i + 1].startswith(HELPERS):
            import multiprocessing.spawn  # noqa: F401 - the helper's code imports from it

            multiprocessing.process.ORIGINAL_DIR = None
            exec(argv[i + 1])
            sys.exit()
    if "--multiprocessing-fork" in argv:
        import multiprocessing.spawn

        multiprocessing.process.ORIGINAL_DIR = None
        kwds = {}
        for arg in argv[2:]:
            name, value = arg.split("=")
            kwds[name] = None if value == "None" else int(value)
        multiprocessing.spawn.spawn_main(**kwds)
        sys.exit()


if __name__ == "__main__":
    _serve_multiprocessing()
    from arbocheck.cli import main

    sys.exit(main())
