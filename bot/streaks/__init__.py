"""Reading streaks: pure rules, the service and the heatmap image."""
