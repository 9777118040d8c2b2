package sqlite_test

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/sqlite"

	_ "modernc.org/sqlite"
)

// MustOpenDB opens a database file in a fresh temporary directory.
func MustOpenDB(tb testing.TB) *sqlite.DB {
	tb.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(tb.TempDir(), sqlite.FileName))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

func TestOpen(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		db := MustOpenDB(t)
		if err := db.IntegrityCheck(context.Background()); err != nil {
			t.Fatalf("integrity check of a new database: %v", err)
		}
		raw := rawOpen(t, db.Path)
		var mode string
		var version int
		if err := raw.QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
			t.Errorf("journal_mode = %q, %v; want wal", mode, err)
		}
		if err := raw.QueryRow("PRAGMA user_version").Scan(&version); err != nil || version < 1 {
			t.Errorf("user_version = %d, %v; want the number of migrations", version, err)
		}
	})

	t.Run("Reopen", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), sqlite.FileName)
		for i := 0; i < 2; i++ {
			db, err := sqlite.Open(context.Background(), path)
			if err != nil {
				t.Fatalf("open %d: %v", i, err)
			}
			if _, err := sqlite.NewProfileService(db).SaveProfile(context.Background(), peerplaypay.ProfileInput{Name: "Ada"}); err != nil {
				t.Fatalf("save %d: %v", i, err)
			}
			db.Close()
		}
	})

	t.Run("ErrCorruptGarbage", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), sqlite.FileName)
		garbage := bytes.Repeat([]byte("not a database, just some bytes "), 512)
		if err := os.WriteFile(path, garbage, 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := sqlite.Open(context.Background(), path)
		if code := peerplaypay.ErrorCode(err); code != peerplaypay.ECORRUPT {
			t.Fatalf("code = %q (%v); want %q", code, err, peerplaypay.ECORRUPT)
		}
		assertUnchanged(t, path, garbage)
	})

	t.Run("CorruptPageAfterCleanShutdown", func(t *testing.T) {
		// A clean start reads no pages beyond the schema, so it does not see
		// the damage; the full check (doctor, the daily run) does.
		path := damagedDB(t)
		before, _ := os.ReadFile(path)
		db, err := sqlite.Open(context.Background(), path)
		if err != nil {
			t.Fatalf("open after a clean shutdown: %v", err)
		}
		if db.Unclean {
			t.Error("Unclean after a clean shutdown")
		}
		err = db.IntegrityCheck(context.Background())
		db.Close()
		if code := peerplaypay.ErrorCode(err); code != peerplaypay.ECORRUPT {
			t.Fatalf("IntegrityCheck code = %q (%v); want %q", code, err, peerplaypay.ECORRUPT)
		}
		if msg := peerplaypay.ErrorMessage(err); !strings.Contains(msg, "has not changed it") {
			t.Errorf("message %q does not tell the file was left alone", msg)
		}
		assertUnchanged(t, path, before)
	})

	t.Run("ErrCorruptPageAfterUncleanShutdown", func(t *testing.T) {
		path := damagedDB(t)
		stale := leaveStaleMark(t, path)
		before, _ := os.ReadFile(path)
		_, err := sqlite.Open(context.Background(), path)
		if code := peerplaypay.ErrorCode(err); code != peerplaypay.ECORRUPT {
			t.Fatalf("code = %q (%v); want %q", code, err, peerplaypay.ECORRUPT)
		}
		assertUnchanged(t, path, before)
		if _, err := os.Stat(stale); err != nil {
			t.Errorf("the stale mark is gone (%v): the next start would not check again", err)
		}
	})

	t.Run("UncleanShutdownIsCheckedOnce", func(t *testing.T) {
		db := MustOpenDB(t)
		path := db.Path
		db.Close()
		stale := leaveStaleMark(t, path)
		db, err := sqlite.Open(context.Background(), path)
		if err != nil {
			t.Fatal(err)
		}
		if !db.Unclean {
			t.Error("a stale mark was not taken for an unclean shutdown")
		}
		if _, err := os.Stat(stale); !os.IsNotExist(err) {
			t.Errorf("the stale mark was kept after a good check: %v", err)
		}
		db.Close()
		db, err = sqlite.Open(context.Background(), path)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if db.Unclean {
			t.Error("Unclean again after a clean close")
		}
	})

	t.Run("OpenBesideALiveProcess", func(t *testing.T) {
		// The window and a command have the file open at once: neither is
		// an unclean shutdown to the other.
		first := MustOpenDB(t)
		second, err := sqlite.Open(context.Background(), first.Path)
		if err != nil {
			t.Fatal(err)
		}
		defer second.Close()
		if second.Unclean {
			t.Error("an open handle was taken for an unclean shutdown")
		}
	})

	t.Run("ErrNewerSchema", func(t *testing.T) {
		db := MustOpenDB(t)
		path := db.Path
		db.Close()
		raw := rawOpen(t, path)
		if _, err := raw.Exec("PRAGMA user_version = 999"); err != nil {
			t.Fatal(err)
		}
		raw.Close()
		_, err := sqlite.Open(context.Background(), path)
		if code := peerplaypay.ErrorCode(err); code != peerplaypay.ECONFLICT {
			t.Fatalf("code = %q (%v); want %q", code, err, peerplaypay.ECONFLICT)
		}
	})

	t.Run("ErrUnwritable", func(t *testing.T) {
		// A folder under a regular file can never be created, even by root,
		// for whom permission bits do not count.
		file := filepath.Join(t.TempDir(), "plain-file")
		if err := os.WriteFile(file, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := sqlite.Open(context.Background(), filepath.Join(file, sqlite.FileName))
		if code := peerplaypay.ErrorCode(err); code != peerplaypay.EUNWRITABLE {
			t.Fatalf("code = %q (%v); want %q", code, err, peerplaypay.EUNWRITABLE)
		}
	})
}

// damagedDB makes a database with a table spanning many pages, then
// overwrites the middle of one page of that table's b-tree, as a failing disk
// would, and returns its path.
func damagedDB(t *testing.T) string {
	t.Helper()
	db := MustOpenDB(t)
	path := db.Path
	db.Close()
	raw := rawOpen(t, path)
	for _, q := range []string{
		"CREATE TABLE filler (id INTEGER PRIMARY KEY, body TEXT)",
		"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < 400) INSERT INTO filler SELECT i, printf('%0500d', i) FROM n",
		"CREATE INDEX filler_body ON filler(body)",
	} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	var pageSize, pages int
	raw.QueryRow("PRAGMA page_size").Scan(&pageSize)
	raw.QueryRow("PRAGMA page_count").Scan(&pages)
	raw.Close()

	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	junk := bytes.Repeat([]byte{0xA5}, pageSize/2)
	// Damage the header area of a page of the filler's index, written last:
	// a page in the middle may hold the schema, which a migration that
	// rebuilds a table moves, and then opening fails at once.
	if _, err := f.WriteAt(junk, int64(pages-3)*int64(pageSize)); err != nil {
		t.Fatal(err)
	}
	return path
}

// leaveStaleMark leaves what a process killed with the database open
// leaves: its mark file, no longer locked.
func leaveStaleMark(t *testing.T, path string) string {
	t.Helper()
	if err := os.MkdirAll(path+".open", 0o700); err != nil {
		t.Fatal(err)
	}
	mark := filepath.Join(path+".open", "killed.lock")
	if err := os.WriteFile(mark, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	return mark
}

func rawOpen(t *testing.T, path string) *sql.DB {
	t.Helper()
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	return raw
}

func assertUnchanged(t *testing.T, path string, want []byte) {
	t.Helper()
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s was modified", path)
	}
	for _, side := range []string{"-wal", "-journal"} {
		if fi, err := os.Stat(path + side); err == nil && fi.Size() > 0 {
			t.Errorf("%s%s was written (%d bytes)", path, side, fi.Size())
		}
	}
}

// TestOpenNewFileConcurrently opens a new database from several processes
// at once, as the window and commands do on a new data folder: each must
// open it, and the schema is applied once.
func TestOpenNewFileConcurrently(t *testing.T) {
	if path := os.Getenv("SQLITE_TEST_OPEN"); path != "" {
		db, err := sqlite.Open(context.Background(), path)
		if err != nil {
			fmt.Println("error:", err)
			os.Exit(1)
		}
		db.Close()
		os.Exit(0)
	}
	for round := range 5 {
		path := filepath.Join(t.TempDir(), sqlite.FileName)
		var cmds []*exec.Cmd
		for range 4 {
			cmd := exec.Command(os.Args[0], "-test.run=^TestOpenNewFileConcurrently$")
			cmd.Env = append(os.Environ(), "SQLITE_TEST_OPEN="+path)
			cmds = append(cmds, cmd)
		}
		outs := make([][]byte, len(cmds))
		errs := make([]error, len(cmds))
		var wg sync.WaitGroup
		for i, cmd := range cmds {
			wg.Add(1)
			go func() {
				defer wg.Done()
				outs[i], errs[i] = cmd.CombinedOutput()
			}()
		}
		wg.Wait()
		for i := range cmds {
			if errs[i] != nil {
				t.Fatalf("round %d, process %d: %v\n%s", round, i, errs[i], outs[i])
			}
		}
	}
}
