# Two commands do all set-up on a fresh machine:
#   make run   - create .venv, install, open the console on the bundled demo workspace
#   make test  - install and run the whole suite (ruff + pytest)

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_WORKSPACE ?= .demo-workspace
# Debian packages the tests and the console need: a Secret Service for the keyring
# tests, a D-Bus session to run it in, Xvfb for screenshots, and Qt's runtime libraries.
DEB_PACKAGES := gnome-keyring dbus dbus-x11 xvfb libegl1 libgl1 libxkbcommon0 \
	libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libxcb-cursor0 libxcb-icccm4 \
	libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libxcb-image0 \
	libxcb-render-util0 poppler-utils

.PHONY: run test lint system-deps install clean demo-workspace

system-deps:
	@missing=""; for p in $(DEB_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = "0" ]; then \
			echo "Installing Debian packages:$$missing"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
		else \
			echo "Missing Debian packages (run as root or install them):$$missing"; \
		fi; \
	fi

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

run: system-deps install
	$(BIN)/python main.py --workspace $(DEMO_WORKSPACE) --demo

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: system-deps install lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) $(DEMO_WORKSPACE) build *.egg-info
