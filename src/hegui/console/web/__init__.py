"""Web layer of the console: routes, guards and the app assembly."""
