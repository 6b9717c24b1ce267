# Mistake: uses b[j][k] instead of b[k][j] (multiplies by the transpose of b).
def matmul(a, b):
    if len(a[0]) != len(b):
        raise ValueError("shapes do not fit")
    return [[sum(a[i][k] * b[j][k] for k in range(len(b))) for j in range(len(b[0]))] for i in range(len(a))]
