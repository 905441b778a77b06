"""User-facing texts, one module per area; see ``bot.i18n``."""
