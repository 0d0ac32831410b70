import DuchaCore
