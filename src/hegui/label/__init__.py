"""hegui.label"""
