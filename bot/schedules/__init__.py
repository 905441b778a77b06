"""Scheduled messages: understanding `when`, the delivery engine, reminders."""
