"""The main window's panels and the widgets they share; each draws what the engine publishes."""
