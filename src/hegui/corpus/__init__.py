"""hegui.corpus"""
