"""Fixtures shared by the register tests: one throw-away PostgreSQL server for the session."""

import pytest


@pytest.fixture(scope="session")
def postgres():
    """An SQLAlchemy URL of a real PostgreSQL server (None when its binaries are not installed)."""
    import pg

    with pg.server() as url:
        yield url


@pytest.fixture(scope="session")
def employer_signer():
    """The employer's key that signs the register's checkpoints in tests."""
    from arbocheck.core.trust import keys

    return keys.generate("Werkgever")


@pytest.fixture(params=["sqlite", "postgresql"])
def any_reg(request, tmp_path, employer_signer):
    """An empty register on SQLite, and the same on the real PostgreSQL server."""
    from arbocheck.core.employer.register import Register
    from arbocheck.core.employer.schema import metadata

    if request.param == "sqlite":
        return Register.open(f"sqlite:///{tmp_path / 'r.sqlite'}", signer=employer_signer)
    url = request.getfixturevalue("postgres")
    if url is None:
        pytest.skip("PostgreSQL server binaries are not installed (apt-get install postgresql)")
    from sqlalchemy import create_engine

    engine = create_engine(url)
    metadata.drop_all(engine)
    engine.dispose()
    return Register.open(url, pdf_dir=tmp_path / "pdfs", signer=employer_signer)
