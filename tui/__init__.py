"""claimdesk's terminal side: the Textual review app and the command line.

This package calls ``claimdesk.annotations``; the core never imports from here.
"""
