"""Partners: the people of the programme (accounts and global roles) and the directory of structures."""
