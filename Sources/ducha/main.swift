print("ducha")
