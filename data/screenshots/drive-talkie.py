#!/usr/bin/python3
# Drives Talkie through AT-SPI for data/screenshots/update-screenshots:
# drive-talkie.py OUTDIR MEDIADIR. Clicks go through XTest at the positions
# the accessibility tree reports; the window sits at 0,0 on Xvfb.
import pyatspi, sys, time, subprocess, os, re

OUT = sys.argv[1]
WID = os.environ.get('WID')
E = os.environ.get

def app():
    for a in pyatspi.Registry.getDesktop(0):
        if a and a.name and 'talkie' in a.name.lower():
            return a
    raise SystemExit('no talkie app')

def find(pred, root=None):
    res = []
    def walk(acc):
        try:
            if pred(acc): res.append(acc)
            for i in range(acc.childCount):
                walk(acc.getChildAtIndex(i))
        except Exception:
            pass
    walk(root or app())
    return res

def by(name, role=None):
    r = find(lambda a: a.name.replace('_', '') .startswith(name) and (role is None or a.getRoleName() == role))
    if not r: raise SystemExit(f'not found: {name!r} {role}')
    return r[0]

def click_at(x, y):
    pyatspi.Registry.generateMouseEvent(x, y, 'b1c'); time.sleep(0.8)

def scroll(x, y, n, down=True):
    pyatspi.Registry.generateMouseEvent(x, y, 'abs'); time.sleep(0.2)
    for _ in range(n):
        pyatspi.Registry.generateMouseEvent(x, y, 'b5c' if down else 'b4c'); time.sleep(0.15)
    time.sleep(0.6)

def park():
    pyatspi.Registry.generateMouseEvent(2300, 1500, 'abs'); time.sleep(0.6)

def do(acc, i=0):
    acc.queryAction().doAction(i); time.sleep(0.8)

def center(acc):
    e = acc.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    return e.x + e.width // 2, e.y + e.height // 2

def shot(name, wid=None):
    subprocess.run(['import', '-window', wid or WID, os.path.join(OUT, name)], check=True)

def choose_file(path):
    do(by(E('SHOT_CHOOSE', 'Choose Files…'), 'push button'))
    time.sleep(3)
    pyatspi.Registry.generateKeyboardEvent(0, path, pyatspi.KEY_STRING)
    time.sleep(1.5)
    pyatspi.Registry.generateKeyboardEvent(0xff0d, None, pyatspi.KEY_SYM)
    time.sleep(3)

def render(avatar, voice, path, take=None):
    scroll(1192, 600, 12, down=False)
    scroll(1030, 400, 10, down=False)
    click_at(*center(by(avatar, 'label')))
    click_at(*center(by(voice, 'label')))
    for rm in find(lambda a: a.getRoleName() == 'push button' and a.name.startswith(E('SHOT_REMOVE', 'Remove “'))):
        do(rm)
    choose_file(path)
    scroll(1192, 600, 12)
    park()
    if take:
        shot(take)
    do(by(E('SHOT_CREATE', 'Create Video'), 'push button'))
    time.sleep(2)

M = sys.argv[2].rstrip('/') + '/'
park()
shot('avatars.png')
render('Amanda outdoors', 'Hanna', M + 'Welcome message.ogg', 'create.png')
render('Jonas in the studio', 'Hugo', M + 'Product intro.ogg')
render('Priya at the office', 'Emily', M + 'Birthday wishes.ogg')
time.sleep(float(E('SHOT_RENDER_WAIT', '14')))
do(by(E('SHOT_RENDERS_TAB', 'Renders'), 'page tab'))
park()
shot('renders.png')
watch = find(lambda a: a.getRoleName() == 'push button' and a.name.replace('_', '').startswith(E('SHOT_WATCH', 'Watch')))
if watch:
    do(watch[-1])
    time.sleep(4)
    park()
    out = subprocess.run(['xwininfo', '-root', '-tree'], capture_output=True, text=True).stdout
    for l in out.splitlines():
        m = re.match(r'\s*(0x[0-9a-f]+) "(Amanda outdoors|Jonas in the studio|Priya at the office)"', l)
        if m:
            shot('video.png', m.group(1))
            break
    else:
        print('no video window:', [l for l in out.splitlines() if '"' in l], file=sys.stderr)
else:
    print('no watch button', file=sys.stderr)
