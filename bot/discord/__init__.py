"""The Discord adapter: the bot, one module per feature (commands, messages, views, cooldown), formatting."""
