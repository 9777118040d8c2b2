package media

import (
	"image"
	"math"
)

// HeadGenerator draws a deterministic webcam-like sequence: a textured room
// behind a talking head that sways, nods, blinks and moves its mouth, with
// a striped shirt, a slowly shaking camera and per-frame sensor noise.
// Every pixel is a function of the frame index alone, so two runs (and two
// encoders) see the same frames, unlike the synthetic camera whose box and
// clock follow wall time. bench/qualitybench scores encoders on it, and
// the VP9 speed check encodes it: a face is what a stand-up records.
type HeadGenerator struct {
	w, h   int
	margin int
	bw, bh int
	by     []byte // background luma, (w+2*margin) x (h+2*margin)
	bu, bv []byte // background chroma
}

// NewHeadGenerator precomputes the room for w x h frames (even sizes).
func NewHeadGenerator(w, h int) *HeadGenerator {
	w, h = w&^1, h&^1
	m := 8 * max(1, h/360)
	g := &HeadGenerator{w: w, h: h, margin: m, bw: w + 2*m, bh: h + 2*m}
	g.by = make([]byte, g.bw*g.bh)
	g.bu = make([]byte, g.bw/2*g.bh/2)
	g.bv = make([]byte, g.bw/2*g.bh/2)
	s := float64(h) / 720 // features scale with the frame
	seed := uint32(12345)
	for y := 0; y < g.bh; y++ {
		for x := 0; x < g.bw; x++ {
			fx, fy := float64(x)/s, float64(y)/s
			// A wall with a soft light fall-off and a plaster texture.
			v := 150 - 40*(fy/720) - 25*math.Abs(fx-700)/700
			seed = seed*1664525 + 1013904223
			v += float64(seed>>29) - 3.5
			// A window, bright with mullions.
			if fx > 900 && fx < 1200 && fy > 60 && fy < 380 {
				v = 215 + 10*math.Sin(fx*0.05)
				if int(fx)%100 < 6 || int(fy)%110 < 6 {
					v = 60
				}
			}
			// A bookshelf: rows of book spines of varying shade.
			if fx > 60 && fx < 420 && fy > 120 && fy < 640 {
				row := int(fy-120) / 104
				book := int(fx-60+float64(row*37)) / 23
				v = 50 + float64((book*73+row*29)%110)
				if int(fy-120)%104 < 8 {
					v = 70 // shelf board
				}
			}
			g.by[y*g.bw+x] = clampRound8(v)
		}
	}
	for y := 0; y < g.bh/2; y++ {
		for x := 0; x < g.bw/2; x++ {
			fx, fy := float64(2*x)/s, float64(2*y)/s
			u, v := 122.0, 134.0 // warm wall
			if fx > 60 && fx < 420 && fy > 120 && fy < 640 {
				book := int(fx-60) / 23
				u = 128 + float64((book*41)%50-25)
				v = 128 + float64((book*67)%50-25)
			}
			g.bu[y*g.bw/2+x] = clampRound8(u)
			g.bv[y*g.bw/2+x] = clampRound8(v)
		}
	}
	return g
}

func clampRound8(v float64) byte { return clamp8(v + 0.5) }

// Frame renders frame n (at 30 fps) into img, which must be w x h 4:2:0.
func (g *HeadGenerator) Frame(n int, img *image.YCbCr) {
	t := float64(n) / 30
	s := float64(g.h) / 720
	// Hand-held-ish camera: a slow drift of a few pixels.
	ox := g.margin + int(math.Round(float64(g.margin-1)*math.Sin(t*0.7)))&^1
	oy := g.margin + int(math.Round(float64(g.margin-1)*0.6*math.Sin(t*0.53+1)))&^1
	for y := 0; y < g.h; y++ {
		copy(img.Y[y*img.YStride:y*img.YStride+g.w], g.by[(y+oy)*g.bw+ox:])
	}
	for y := 0; y < g.h/2; y++ {
		src := (y+oy/2)*(g.bw/2) + ox/2
		copy(img.Cb[y*img.CStride:y*img.CStride+g.w/2], g.bu[src:])
		copy(img.Cr[y*img.CStride:y*img.CStride+g.w/2], g.bv[src:])
	}
	// The speaker: sways and nods on a few incommensurate periods.
	cx := float64(g.w)/2 + s*(40*math.Sin(t*0.9)+15*math.Sin(t*2.3))
	cy := float64(g.h)*0.42 + s*(10*math.Sin(t*1.7)+4*math.Sin(t*4.1))
	rx, ry := 125*s, 165*s
	// Torso: a striped shirt below the head.
	g.ellipse(img, cx, cy+ry+210*s, 330*s, 240*s, func(x, y, d float64) (float64, float64, float64) {
		stripe := 0.0
		if int((x-cx+1000)/(9*s))%2 == 0 {
			stripe = 40
		}
		return 70 + stripe - 30*d, 150, 110
	})
	// Neck.
	g.ellipse(img, cx, cy+ry*0.9, 55*s, 70*s, func(_, _, d float64) (float64, float64, float64) {
		return 135 - 25*d, 112, 150
	})
	// Face with shading and skin texture.
	g.ellipse(img, cx, cy, rx, ry, func(x, y, d float64) (float64, float64, float64) {
		tex := 4 * math.Sin(x*0.9/s) * math.Sin(y*1.1/s)
		return 175 - 45*d*d + tex - 15*(x-cx)/rx, 108, 155
	})
	// Hair: a dark cap of fine strands on the top of the head.
	g.ellipse(img, cx, cy-ry*0.55, rx*1.05, ry*0.55, func(x, y, d float64) (float64, float64, float64) {
		if y > cy-ry*0.35+20*s*math.Sin((x-cx)/rx*3) {
			return -1, 0, 0 // transparent: the forehead shows
		}
		return 45 + 18*math.Sin(x*0.8/s+y*0.15/s) - 10*d, 125, 132
	})
	// Eyes, which blink for 4 frames every 3.7 s.
	open := 1.0
	if n%111 < 4 {
		open = 0.15
	}
	for _, ex := range []float64{-0.38, 0.38} {
		g.ellipse(img, cx+ex*rx, cy-ry*0.1, 22*s, 11*s*open, func(x, _, d float64) (float64, float64, float64) {
			if math.Abs(x-(cx+ex*rx+3*s*math.Sin(t))) < 7*s {
				return 25, 128, 128 // pupil, glancing side to side
			}
			return 225 - 40*d, 128, 128
		})
	}
	// Mouth: opens and closes with a speech-like rhythm.
	talk := math.Max(0, math.Sin(t*11)*math.Sin(t*2.9+0.5)+0.3*math.Sin(t*23))
	g.ellipse(img, cx, cy+ry*0.52, 45*s, (4+20*talk)*s, func(_, _, d float64) (float64, float64, float64) {
		return 55 + 40*d, 120, 165
	})
	// Sensor noise: small, different every frame, as a webcam's.
	seed := uint32(n)*2654435761 + 1
	for y := 0; y < g.h; y++ {
		row := img.Y[y*img.YStride : y*img.YStride+g.w]
		for x := range row {
			seed ^= seed << 13
			seed ^= seed >> 17
			seed ^= seed << 5
			nv := int(row[x]) + int(seed>>30) - 1 // -1..+2
			row[x] = byte(min(max(nv, 0), 255))
		}
	}
}

// ellipse fills an ellipse; shade returns Y, Cb, Cr for a pixel at x, y
// and its normalised distance d (0 centre, 1 edge), or Y < 0 to skip it.
func (g *HeadGenerator) ellipse(img *image.YCbCr, cx, cy, rx, ry float64, shade func(x, y, d float64) (float64, float64, float64)) {
	if rx < 1 || ry < 1 {
		return
	}
	x0, x1 := max(0, int(cx-rx)), min(g.w-1, int(cx+rx)+1)
	y0, y1 := max(0, int(cy-ry)), min(g.h-1, int(cy+ry)+1)
	for y := y0; y <= y1; y++ {
		dy := (float64(y) - cy) / ry
		for x := x0; x <= x1; x++ {
			dx := (float64(x) - cx) / rx
			d2 := dx*dx + dy*dy
			if d2 > 1 {
				continue
			}
			yv, u, v := shade(float64(x), float64(y), math.Sqrt(d2))
			if yv < 0 {
				continue
			}
			img.Y[y*img.YStride+x] = clampRound8(yv)
			if x%2 == 0 && y%2 == 0 {
				ci := y/2*img.CStride + x/2
				img.Cb[ci], img.Cr[ci] = clampRound8(u), clampRound8(v)
			}
		}
	}
}
