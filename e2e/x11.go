//go:build e2e

package e2e

/*
#cgo pkg-config: x11
#include <X11/Xlib.h>
#include <stdlib.h>

// askToClose sends the window the request a window manager's close button
// sends (WM_DELETE_WINDOW), which the app may answer by asking the member.
static int askToClose(const char *display, unsigned long win) {
	Display *d = XOpenDisplay(display);
	if (!d) return 1;
	XEvent ev = {0};
	ev.xclient.type = ClientMessage;
	ev.xclient.window = win;
	ev.xclient.message_type = XInternAtom(d, "WM_PROTOCOLS", False);
	ev.xclient.format = 32;
	ev.xclient.data.l[0] = XInternAtom(d, "WM_DELETE_WINDOW", False);
	ev.xclient.data.l[1] = CurrentTime;
	XSendEvent(d, win, False, NoEventMask, &ev);
	XFlush(d);
	XCloseDisplay(d);
	return 0;
}
*/
import "C"

import (
	"fmt"
	"unsafe"
)

// askToClose asks X window win on display to close, as a window manager's
// close button would. (cgo lives outside _test.go files.)
func askToClose(display string, win uint64) error {
	d := C.CString(display)
	defer C.free(unsafe.Pointer(d))
	if C.askToClose(d, C.ulong(win)) != 0 {
		return fmt.Errorf("cannot open display %s", display)
	}
	return nil
}
