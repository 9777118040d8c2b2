// Command hicolor writes the app icon at the sizes of the freedesktop
// hicolor theme, so menus and docks need not scale the 1024-pixel source.
package main

import (
	"flag"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"

	"golang.org/x/image/draw"
)

// sizes are those desktops look up first (Debian's own packages ship these).
var sizes = []int{16, 22, 24, 32, 48, 64, 128, 256, 512}

func main() {
	src := flag.String("src", "build/appicon.png", "square PNG to resize")
	root := flag.String("root", "", "root of the installed tree (icons go to ROOT/usr/share/icons/hicolor)")
	name := flag.String("name", "peerplaypay", "icon name, as the desktop file's Icon=")
	flag.Parse()
	if err := run(*src, *root, *name); err != nil {
		fmt.Fprintf(os.Stderr, "hicolor: %v\n", err)
		os.Exit(1)
	}
}

func run(src, root, name string) error {
	if root == "" {
		return fmt.Errorf("-root is required")
	}
	f, err := os.Open(src)
	if err != nil {
		return err
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		return fmt.Errorf("%s: %w", src, err)
	}
	if b := img.Bounds(); b.Dx() != b.Dy() || b.Dx() < sizes[len(sizes)-1] {
		return fmt.Errorf("%s is %dx%d: want a square of at least %d pixels", src, b.Dx(), b.Dy(), sizes[len(sizes)-1])
	}
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	for _, n := range sizes {
		dst := image.NewNRGBA(image.Rect(0, 0, n, n))
		draw.CatmullRom.Scale(dst, dst.Bounds(), img, img.Bounds(), draw.Src, nil)
		dir := filepath.Join(root, "usr", "share", "icons", "hicolor", fmt.Sprintf("%dx%d", n, n), "apps")
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		out, err := os.Create(filepath.Join(dir, name+".png"))
		if err != nil {
			return err
		}
		if err := enc.Encode(out, dst); err != nil {
			out.Close()
			return err
		}
		if err := out.Close(); err != nil {
			return err
		}
	}
	return nil
}
