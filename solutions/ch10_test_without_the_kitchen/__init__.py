"""Chapter 10: test without the kitchen: your own tests of a client, with requests-mock standing in for the kitchen."""
