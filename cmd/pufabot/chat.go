package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/pufabot/pufabot/bot"
)

func runChat(ctx context.Context, m *Main, args []string) error {
	fs, cf := m.newFlagSet("chat", "")
	as := fs.String("as", "resident", "who you are: resident, cadre or admin")
	user := fs.String("user", "", "user `id` (default: terminal-<role>)")
	name := fs.String("name", "终端用户", "your name when --as cadre")
	village := fs.String("village", "", "your village when --as cadre (default place of your records)")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	role := bot.Role(*as)
	switch role {
	case bot.RoleResident, bot.RoleCadre, bot.RoleAdmin:
	default:
		return usagef("--as must be resident, cadre or admin, got %q", *as)
	}
	if *user == "" {
		*user = "terminal-" + string(role)
	}
	a, err := m.openApp(ctx, cf)
	if err != nil {
		return err
	}
	defer a.Close()
	switch role {
	case bot.RoleAdmin:
		a.Config.Admin.Users = append(a.Config.Admin.Users, *user)
	}
	b, err := a.buildBot(ctx, m)
	if err != nil {
		return err
	}
	if a.kb != nil {
		a.watchKnowledge(ctx) // what `pufabot kb …` / `questions answer` in another terminal change
	}
	if role == bot.RoleCadre {
		b, err = a.withCadre(ctx, m, bot.Person{Channel: bot.ChannelTerminal, UserID: *user, Role: bot.RoleCadre, Name: *name, Village: *village})
		if err != nil {
			return err
		}
	}

	interactive := m.stdinIsTerminal()
	if interactive {
		fmt.Fprintf(m.Stdout, "pufabot 终端对话（身份：%s，用户：%s）。输入\"帮助\"看能做什么，Ctrl-D 退出。\n", role, *user)
	}
	sc := bufio.NewScanner(m.Stdin)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for {
		if interactive {
			fmt.Fprint(m.Stdout, "> ")
		}
		if !sc.Scan() {
			break
		}
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		r := b.Handle(ctx, bot.Message{Channel: bot.ChannelTerminal, UserID: *user, Kind: bot.KindText, Text: line, At: m.Now()})
		if r.Text != "" {
			fmt.Fprintln(m.Stdout, r.Text)
			if interactive {
				fmt.Fprintln(m.Stdout)
			}
		}
		if ctx.Err() != nil {
			break
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read input: %w", err)
	}
	return nil
}

// withCadre rebuilds the bot so that the terminal user is a cadre even when
// nobody invited them: the terminal is for trying the bot out.
func (a *App) withCadre(ctx context.Context, m *Main, p bot.Person) (*bot.Bot, error) {
	a.directory = fixedPerson{p: p, next: a.directory}
	store, err := bot.NewSQLStore(ctx, a.DB)
	if err != nil {
		return nil, err
	}
	return bot.New(a.Config.Bot, bot.Deps{
		Admins: a.Config.Admin.Users, Directory: a.directory, Answerer: a.answerer,
		Routes: a.routes, Store: store, Logger: a.Logger, Now: m.Now,
	})
}

// fixedPerson is a Directory that knows one person and asks next for others.
type fixedPerson struct {
	p    bot.Person
	next bot.Directory
}

func (f fixedPerson) Lookup(ctx context.Context, ch bot.Channel, userID string) (bot.Person, bool, error) {
	if ch == f.p.Channel && userID == f.p.UserID {
		return f.p, true, nil
	}
	if f.next == nil {
		return bot.Person{}, false, nil
	}
	return f.next.Lookup(ctx, ch, userID)
}

func (m *Main) stdinIsTerminal() bool {
	if m.StdinIsTerminal != nil {
		return m.StdinIsTerminal()
	}
	f, ok := m.Stdin.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
