"""The procesregie family: a bestuursproces with several parties, led by wyberen."""
