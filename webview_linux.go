package main

import "os"

// WebKitGTK's DMA-BUF renderer draws a blank window on machines without a
// usable GPU buffer path (virtual machines, remote X, some drivers). A
// blank window is the worst failure, so turn it off unless the member chose.
func init() {
	if _, set := os.LookupEnv("WEBKIT_DISABLE_DMABUF_RENDERER"); !set {
		os.Setenv("WEBKIT_DISABLE_DMABUF_RENDERER", "1")
	}
}
