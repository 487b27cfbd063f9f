"""The pages people open: a home per role showing only what that role may see."""
