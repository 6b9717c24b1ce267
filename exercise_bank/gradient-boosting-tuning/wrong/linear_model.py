# Mistake: a linear model cannot represent the one-sided, U-shaped and periodic effects of the sensors, however it is tuned.
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import TunedThresholdClassifierCV


def fit_predict(X_train, y_train, X_test):
    model = TunedThresholdClassifierCV(LogisticRegression(max_iter=1000), scoring="f1_macro", cv=5)
    return model.fit(X_train, y_train).predict(X_test)
