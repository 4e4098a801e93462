package main

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/pufabot/pufabot/bot/people"
)

// runUsers: `pufabot users invite|list|remove`.
func runUsers(ctx context.Context, m *Main, args []string) error {
	return subcommand(ctx, m, "users", args, map[string]func(context.Context, *Main, []string) error{
		"invite": runUsersInvite,
		"list":   runUsersList,
		"remove": runUsersRemove,
	})
}

// runUsersInvite: `pufabot users invite --name 张三 --village 李家庄村 --role cadre`.
func runUsersInvite(ctx context.Context, m *Main, args []string) error {
	fs, cf := m.newFlagSet("users invite", "")
	name := fs.String("name", "", "the person's `name` (required)")
	village := fs.String("village", "", "their `village`, the default place of their records")
	role := fs.String("role", "cadre", "`role`: cadre (村干部、法律明白人) or admin")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unexpected argument %q (use --name, --village, --role)", pos[0])
	}
	if strings.TrimSpace(*name) == "" {
		return usagef("--name is required")
	}
	r, err := people.ParseRole(*role)
	if err != nil {
		return usagef("--role: %v", err)
	}
	a, err := m.openApp(ctx, cf)
	if err != nil {
		return err
	}
	defer a.Close()
	if err := a.openLedger(ctx); err != nil {
		return err
	}
	now := m.Now()
	code, err := a.people.Invite(ctx, *name, *village, r, now)
	if err != nil {
		return err
	}
	fmt.Fprintln(m.Stdout, code)
	fmt.Fprintf(m.Stderr, "绑定码 %s：%s（%s，%s），%s前有效。请让对方关注后发送\"绑定 %s\"。\n",
		code, *name, orNone(*village), r, now.Add(people.InviteTTL).In(a.ledger.Location()).Format("2006-01-02 15:04"), code)
	return nil
}

// runUsersList: `pufabot users list` prints bound people, then open invites.
func runUsersList(ctx context.Context, m *Main, args []string) error {
	fs, cf := m.newFlagSet("users list", "")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	a, err := m.openApp(ctx, cf)
	if err != nil {
		return err
	}
	defer a.Close()
	if err := a.openLedger(ctx); err != nil {
		return err
	}
	ps, err := a.people.List(ctx)
	if err != nil {
		return err
	}
	invs, err := a.people.Invites(ctx, m.Now())
	if err != nil {
		return err
	}
	loc := a.ledger.Location()
	tw := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tVILLAGE\tROLE\tCHANNEL\tUSER\tBOUND")
	for _, p := range ps {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\n", p.ID, p.Name, orNone(p.Village), p.Role, p.Channel, p.UserID,
			p.BoundAt.In(loc).Format("2006-01-02 15:04"))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(invs) > 0 {
		fmt.Fprintln(m.Stdout, "\nOpen invites:")
		tw = tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "CODE\tNAME\tVILLAGE\tROLE\tEXPIRES")
		for _, inv := range invs {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", inv.Code, inv.Name, orNone(inv.Village), inv.Role,
				inv.ExpiresAt.In(loc).Format("2006-01-02 15:04"))
		}
		return tw.Flush()
	}
	return nil
}

// runUsersRemove: `pufabot users remove ID|USERID|CODE`.
func runUsersRemove(ctx context.Context, m *Main, args []string) error {
	fs, cf := m.newFlagSet("users remove", "ID|USERID|CODE")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("want one ID, user id or invite code (see pufabot users list)")
	}
	a, err := m.openApp(ctx, cf)
	if err != nil {
		return err
	}
	defer a.Close()
	if err := a.openLedger(ctx); err != nil {
		return err
	}
	what, err := a.people.Remove(ctx, pos[0], m.Now())
	if errors.Is(err, people.ErrNotFound) {
		return fmt.Errorf("nobody with ID, user id or open invite code %q (see pufabot users list)", pos[0])
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "removed %s; their ledger records stay\n", what)
	return nil
}

func orNone(s string) string {
	if strings.TrimSpace(s) == "" {
		return "-"
	}
	return s
}
