"""The Qt-free data core: models, schema migrations, rules and services."""
