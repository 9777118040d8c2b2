package cli

import (
	"context"
	"fmt"

	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/sqlite"
)

func runProfile(ctx context.Context, env *Env, args []string) error {
	if len(args) == 0 || (args[0] != "show" && args[0] != "set") {
		return usageError{fmt.Errorf("want `profile show` or `profile set`")}
	}
	sub, args := args[0], args[1:]
	fs, dir := flags(env, "profile "+sub)
	asJSON := fs.Bool("json", false, "print JSON")
	var in peerplaypay.ProfileInput
	if sub == "set" {
		fs.StringVar(&in.Name, "name", "", "your name (required)")
		fs.StringVar(&in.Role, "role", "", "your role")
		fs.StringVar(&in.TeamName, "team", "", "your team's name")
	}
	if err := parse(fs, args); err != nil {
		return err
	}
	db, _, err := openDB(ctx, *dir)
	if err != nil {
		return err
	}
	defer db.Close()
	profiles := sqlite.NewProfileService(db)

	var p *peerplaypay.Profile
	if sub == "set" {
		p, err = profiles.SaveProfile(ctx, in)
	} else {
		p, err = profiles.Profile(ctx)
	}
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(env.Stdout, p)
	}
	fmt.Fprintf(env.Stdout, "Name:      %s\nRole:      %s\nTeam:      %s\nMember ID: %s\nSince:     %s\n",
		p.Name, p.Role, p.TeamName, p.MemberID, p.CreatedAt.Local().Format("2 Jan 2006"))
	return nil
}
