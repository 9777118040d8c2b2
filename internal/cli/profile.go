package cli

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"peerplaypay/internal/peerplaypay"
	"peerplaypay/internal/sqlite"
)

func profileCmd(env *Env, dir *string) *cobra.Command {
	return group("profile", "print or edit your profile", "want `profile show` or `profile set`",
		leaf("show [--json]", "print your profile", noArgs, func(fs *pflag.FlagSet) runner { return runProfile(env, dir, "show", fs) }),
		leaf("set --name N [--role R] [--team T]", "create or edit your profile", noArgs, func(fs *pflag.FlagSet) runner { return runProfile(env, dir, "set", fs) }))
}

func runProfile(env *Env, dir *string, sub string, fs *pflag.FlagSet) runner {
	asJSON := fs.Bool("json", false, "print JSON")
	var in peerplaypay.ProfileInput
	if sub == "set" {
		fs.StringVar(&in.Name, "name", "", "your name (required)")
		fs.StringVar(&in.Role, "role", "", "your role")
		fs.StringVar(&in.TeamName, "team", "", "your team's name")
	}
	return func(ctx context.Context, _ []string) error {
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
}
