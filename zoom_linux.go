package main

/*
#cgo linux pkg-config: gtk+-3.0

#include <gtk/gtk.h>
#include <webkit2/webkit2.h>

// Wails keeps its web view to itself: it is found in the window's widgets.
static WebKitWebView *find_web_view(GtkWidget *w) {
	if (WEBKIT_IS_WEB_VIEW(w)) return WEBKIT_WEB_VIEW(w);
	if (!GTK_IS_CONTAINER(w)) return NULL;
	GList *kids = gtk_container_get_children(GTK_CONTAINER(w));
	WebKitWebView *found = NULL;
	for (GList *l = kids; l && !found; l = l->next) found = find_web_view(GTK_WIDGET(l->data));
	g_list_free(kids);
	return found;
}

static gboolean apply_zoom(gpointer data) {
	double level = *(double *)data;
	g_free(data);
	GList *tops = gtk_window_list_toplevels();
	for (GList *l = tops; l; l = l->next) {
		WebKitWebView *v = find_web_view(GTK_WIDGET(l->data));
		if (v) webkit_web_view_set_zoom_level(v, level);
	}
	g_list_free(tops);
	return G_SOURCE_REMOVE;
}

// GTK is only touched from its own loop.
static void set_zoom(double level) {
	double *d = g_new(double, 1);
	*d = level;
	g_idle_add(apply_zoom, d);
}
*/
import "C"

// zoomWindow zooms the web view as a browser does: text, controls and the
// CSS pixels the layout has all grow, so the page reflows as in a smaller
// window (media queries included).
func zoomWindow(level float64) bool {
	C.set_zoom(C.double(level))
	return true
}
