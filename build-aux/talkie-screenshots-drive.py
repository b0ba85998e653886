#!/usr/bin/python3
# Drives Talkie through the accessibility tree for build-aux/talkie-screenshots:
#   talkie-screenshots-drive.py OUTDIR
# with TALKIE (the binary) and MEDIA (a folder of recordings) in the
# environment. Clicks go through the X server at the positions the tree
# reports (there is no window manager: windows sit where GTK puts them).
#
# Widgets are looked up by their visible name; SHOT_<KEY> renames one (for
# another language, or after a redesign), e.g. SHOT_CREATE="Make Video".
import os
import re
import subprocess
import sys
import time

import pyatspi
from gi.repository import Atspi

OUT = sys.argv[1]
MEDIA = os.environ['MEDIA']
TALKIE = os.environ['TALKIE']
DUMP = os.environ.get('SHOT_DUMP') == '1'
ONLY = os.environ.get('SHOT_ONLY', 'avatars create renders video').split()

# What it looks for, by default in English.
NAMES = {
    'CREATE_TAB': 'Create',
    'RENDERS_TAB': 'Renders',
    'CREATE': 'Create Video',
    'WATCH': 'Watch',
    'REMOVE': 'Remove',
    'VOICE': 'Voice',
    'SEARCH_AVATARS': 'Search avatars',
    'SEARCH_VOICES': 'Search voices',
}


def name(key):
    return os.environ.get('SHOT_' + key, NAMES[key])


def log(*args):
    print('talkie-screenshots:', *args, file=sys.stderr, flush=True)


def wait(what, fn, timeout=30.0, step=0.3):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            value = fn()
        except Exception:
            value = None
        if value:
            return value
        time.sleep(step)
    raise SystemExit(f'talkie-screenshots: gave up waiting for {what}')


def app():
    for a in pyatspi.Registry.getDesktop(0):
        if a is not None and a.name and a.name.lower() == 'talkie':
            # Lists reuse their rows for other items, and GTK 4.8 does not
            # always tell when a row's name changes: ask afresh every time.
            a.set_cache_mask(Atspi.Cache.NONE)
            a.clear_cache()
            return a
    return None


def walk(acc, depth=0):
    yield acc, depth
    for i in range(acc.childCount):
        child = acc.getChildAtIndex(i)
        if child is not None:
            yield from walk(child, depth + 1)


def clean(text):
    return (text or '').replace('_', '')


def find_all(pred, root=None):
    root = root or app()
    found = []
    for acc, _ in walk(root):
        try:
            if pred(acc):
                found.append(acc)
        except Exception:
            pass
    return found


def showing(acc):
    # GTK 4.8 marks only windows "showing": test what is on screen by extents.
    e = extents(acc)
    return e.width > 0 and e.height > 0


def find(label, role=None, prefix=False, root=None):
    def pred(a):
        n = clean(a.name)
        ok = n.startswith(label) if prefix else n == label
        return ok and (role is None or a.getRoleName() == role) and showing(a)
    found = find_all(pred, root)
    return found[0] if found else None


def dump(title):
    if not DUMP:
        return
    log(f'--- accessibility tree: {title}')
    for acc, depth in walk(app()):
        e = extents(acc)
        print('  ' * depth + f'{acc.getRoleName()} {acc.name!r} {e.x},{e.y} {e.width}x{e.height}',
              file=sys.stderr)


class NoExtents:
    x = y = width = height = 0


def extents(acc):
    # Window coordinates (GTK 4.8 has no others); the main window is at 0,0.
    try:
        return acc.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    except (NotImplementedError, Exception):
        return NoExtents()


def centre(acc):
    e = extents(acc)
    return e.x + e.width // 2, e.y + e.height // 2


def mouse(x, y, what='abs'):
    pyatspi.Registry.generateMouseEvent(x, y, what)


def click(acc):
    x, y = centre(acc)
    if DUMP:
        log(f'click {acc.name!r} at {x},{y}')
    mouse(x, y, 'abs')
    time.sleep(0.2)
    mouse(x, y, 'b1c')
    time.sleep(0.8)


def press(acc):
    """A button's own action: works when it is scrolled out of view."""
    acc.queryAction().doAction(0)
    time.sleep(0.8)


def park():
    mouse(1990, 1390, 'abs')
    time.sleep(0.5)


def viewports(acc):
    """The scrolled areas @acc is in, innermost first (GTK reports extents
    even for what is scrolled out of them)."""
    found = []
    parent = acc.parent
    while parent is not None and parent.getRoleName() != 'frame':
        if parent.getRoleName() == 'scroll pane':
            found.append(parent)
        parent = parent.parent
    return found


def bring_into(acc, view, limit=40):
    """Turns the wheel over @view until @acc is inside it."""
    for _ in range(limit):
        v, e = extents(view), extents(acc)
        if e.y >= v.y and e.y + min(e.height, v.height) <= v.y + v.height:
            return
        # over its scroll bar: the middle may be a list that scrolls by itself
        x, y = v.x + v.width - 3, v.y + v.height // 2
        mouse(x, y, 'abs')
        mouse(x, y, 'b5c' if e.y > v.y else 'b4c')
        time.sleep(0.2)
        if DUMP:
            log(f'scrolled at {x},{y}: {acc.name!r} at {e.y}, view {v.y}+{v.height}')


def scroll_until_visible(acc):
    """Scrolls each area @acc is in, the outer ones first, until it shows."""
    views = viewports(acc)
    targets = [acc] + views[:-1]
    for view, target in reversed(list(zip(views, targets))):
        bring_into(target, view)
    for view in reversed(views):
        bring_into(acc, view)
    time.sleep(0.5)


def inside_views(acc):
    for view in viewports(acc):
        v, e = extents(view), extents(acc)
        if e.y < v.y or e.y + min(e.height, v.height) > v.y + v.height:
            return False
    return True


def reveal(label, tries=5):
    """The label @label, scrolled into view. Lists and grids reuse their rows
    for other items while scrolling, so it is looked up again after each scroll."""
    for _ in range(tries):
        acc = wait(label, lambda: find(label, 'label'))
        if inside_views(acc):
            return acc
        scroll_until_visible(acc)
        acc = find(label, 'label')
        if acc is not None and inside_views(acc):
            return acc
    raise SystemExit(f'talkie-screenshots: could not scroll {label!r} into view')


def picked_voice():
    """What the Create side says is picked: the label beside "Voice"."""
    heading = find(name('VOICE'), 'label')
    row = heading.parent.parent if heading is not None else None
    if row is None:
        return None
    for acc, _ in walk(row):
        if acc.getRoleName() == 'label' and clean(acc.name) != name('VOICE'):
            return clean(acc.name)
    return None


def search(entry_name, text):
    """Types @text into the search entry @entry_name (empty: clears it)."""
    entry = wait(entry_name, lambda: find(entry_name, 'entry', prefix=True) or
                 find(entry_name, 'text', prefix=True))
    if not inside_views(entry):
        scroll_until_visible(entry)
    click(entry)
    subprocess.run(['xdotool', 'key', '--clearmodifiers', 'ctrl+a', 'BackSpace'], check=True)
    time.sleep(0.3)
    if text:
        subprocess.run(['xdotool', 'type', '--delay', '20', text], check=True)
    time.sleep(1.2)


def pick_avatar(avatar):
    """Found with the search: grids reuse their cells while scrolling, and an
    accessible name may lag behind the item a reused cell shows."""
    search(name('SEARCH_AVATARS'), avatar)
    click(reveal(avatar))


def pick_voice(voice, tries=4):
    """In the voice chooser (Ctrl+K): searched, clicked, chosen with Return."""
    for _ in range(tries):
        subprocess.run(['xdotool', 'key', '--clearmodifiers', 'ctrl+k'], check=True)
        search(name('SEARCH_VOICES'), voice)
        click(reveal(voice))
        subprocess.run(['xdotool', 'key', '--clearmodifiers', 'Return'], check=True)
        time.sleep(1.0)
        picked = picked_voice()
        if DUMP:
            log(f'picked voice: {picked!r}')
        if picked in (None, voice):
            return
    raise SystemExit(f'talkie-screenshots: could not pick the voice {voice!r} (got {picked!r})')


def x_windows():
    out = subprocess.run(['xwininfo', '-root', '-tree'], capture_output=True, text=True).stdout
    for line in out.splitlines():
        m = re.match(r'\s*(0x[0-9a-f]+) "([^"]*)": \("talkie" "[^"]*"\)\s+(\d+)x(\d+)', line)
        if m and int(m.group(3)) > 1 and int(m.group(4)) > 1:
            yield m.group(1), m.group(2)


def x_window(title):
    if DUMP:
        log('X windows:', list(x_windows()))
    for wid, t in x_windows():
        if t == title:
            return wid
    return None


def shot(key, wid):
    """The window cut out with rounded corners on a soft shadow."""
    if key not in ONLY:
        return
    park()
    time.sleep(0.5)
    raw = os.path.join(OUT, key + '.raw.png')
    final = os.path.join(OUT, key + '.png')
    subprocess.run(['import', '-window', wid, raw], check=True)
    radius = 12
    size = subprocess.run(['identify', '-format', '%w %h', raw], check=True, capture_output=True, text=True)
    w, h = (int(v) for v in size.stdout.split())
    subprocess.run([
        'convert', raw,
        # round the corners the way the desktop does: a mask of the window's shape
        '(', '+clone', '-alpha', 'extract', '-fill', 'black', '-colorize', '100',
        '-fill', 'white', '-draw', f'roundrectangle 0,0 {w - 1},{h - 1} {radius},{radius}', ')',
        '-alpha', 'off', '-compose', 'CopyOpacity', '-composite',
        # a shadow as GNOME draws it: soft, a little below
        '(', '+clone', '-background', 'black', '-shadow', '35x14+0+5', ')',
        '+swap', '-background', 'none', '-compose', 'Over', '-layers', 'merge', '+repage',
        '-strip', final], check=True)
    if not DUMP:
        os.unlink(raw)
    log(f'wrote {final}')


def open_with_talkie(*files):
    """What Open With does: the running Talkie gets the files over D-Bus."""
    subprocess.run([TALKIE] + list(files), check=True, timeout=30)


def main():
    wait('Talkie on the accessibility bus', app)
    wid = wait('the main X window', lambda: x_window('Talkie'))

    # The sandbox's avatars, with their covers loaded.
    first = wait('the avatars', lambda: find('Amanda outdoors', 'label'))
    time.sleep(3)
    dump('started')

    # A first look: an avatar and a voice picked (as found: no search shown).
    click(first)
    pick_voice('Hanna')
    park()
    time.sleep(1)
    shot('avatars', wid)

    # A recording opened with Talkie, then the Create side shown with it.
    open_with_talkie(os.path.join(MEDIA, 'Welcome message.ogg'))
    recording = wait('the opened recording', lambda: find('Welcome message', 'label', prefix=True))
    create = wait('the Create button', lambda: find(name('CREATE'), 'push button', prefix=True))
    scroll_until_visible(recording)
    time.sleep(2)
    dump('a recording')
    shot('create', wid)

    # Three renders: this one, and two more with other people and voices.
    press(create)
    # The last in landscape: it fills the video window.
    for ratio, avatar, voice_name, take in ((None, 'Jonas in the studio', 'Hugo', 'Product intro.ogg'),
                                             ('16:9', 'Chloe in the park', 'Emily', 'Birthday wishes.ogg')):
        for rm in find_all(lambda a: a.getRoleName() == 'push button' and
                           clean(a.name).startswith(name('REMOVE') + ' ')):
            press(rm)
        if ratio:
            click(find(ratio, 'push button', prefix=True) or find(ratio, 'toggle button', prefix=True))
        time.sleep(1.5)
        pick_avatar(avatar)
        pick_voice(voice_name)
        open_with_talkie(os.path.join(MEDIA, take))
        wait('the opened recording', lambda: find(take[:-4], 'label', prefix=True))
        time.sleep(2)
        press(find(name('CREATE'), 'push button', prefix=True))

    # The Renders page while the last ones are still on their way.
    time.sleep(float(os.environ.get('SHOT_RENDER_WAIT', '0.5')))
    press(wait('the Renders tab', lambda: find(name('RENDERS_TAB'), 'page tab') or
               find(name('RENDERS_TAB'), 'push button') or find(name('RENDERS_TAB'), 'toggle button')))
    time.sleep(1.5)
    dump('renders')
    shot('renders', wid)

    # The newest video (the landscape one, which fills the player) in its own window.
    def all_watch():
        found = find_all(lambda a: a.getRoleName() == 'push button' and
                         clean(a.name).startswith(name('WATCH')) and showing(a))
        return found if len(found) >= 3 else None
    watch = wait('the renders to finish', all_watch, timeout=90)
    press(sorted(watch, key=lambda a: extents(a).y)[0])
    video_wid = wait('the video window',
                     lambda: next((w for w, t in x_windows() if t != 'Talkie' and t), None))
    time.sleep(4)
    dump('video')
    shot('video', video_wid)


main()
