from gaoxin.cli import main

main()
