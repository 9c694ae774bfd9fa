import pkgutil

import hegui.cli as cli


def test_every_cli_module_is_registered() -> None:
    modules = {m.name for m in pkgutil.iter_modules(cli.__path__)} - {"common"}
    registered = {r.__module__.rsplit(".", 1)[1] for r in cli.REGISTRARS}
    assert modules == registered
