"""hegui.console"""
