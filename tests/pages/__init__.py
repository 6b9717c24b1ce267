"""Page tests across apps: every page in Chinese, the permissions of every page, polish across pages. A page test
of one app lives beside its other tests (tests/<app>/pages/)."""
