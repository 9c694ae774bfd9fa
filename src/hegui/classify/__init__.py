"""hegui.classify"""
