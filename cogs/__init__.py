"""Discord extensions, one thin cog per area. Modules starting with ``_`` are
helpers, not extensions (see ``bot.discord_app.client.discover_extensions``)."""
