"""hegui.assess"""
