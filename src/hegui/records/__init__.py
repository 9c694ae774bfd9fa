"""The store: SQLAlchemy models shared by the gateway and the console, migrations, retention."""
