import os
def spin(data, name):
    open(data.decode(), "w").write(str(os.getpid()))
    while True: pass
def hog(data, name):
    x = []
    while True: x.append(bytearray(50 << 20))
