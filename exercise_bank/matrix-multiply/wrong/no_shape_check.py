# Mistake: zip pairs a row with a column without checking the sizes, so shapes that do not fit give a result.
def matmul(a, b):
    columns = list(zip(*b))
    return [[sum(x * y for x, y in zip(row, col)) for col in columns] for row in a]
