"""canirun's Discord bot: a discord.py adapter over fitengine."""
