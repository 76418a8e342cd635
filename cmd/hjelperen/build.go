package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/baerekrafthjelperen/hjelperen/generator"
	"github.com/baerekrafthjelperen/hjelperen/generator/diag"
)

// siteFlags defines --source, --dest (with the given default and help)
// and --base-url.
func siteFlags(fs *flag.FlagSet, opts *generator.Options, dest, destUsage string) {
	fs.StringVar(&opts.Source, "source", ".", "site folder (with hjelperen.toml, content/, static/, themes/)")
	fs.StringVar(&opts.Dest, "dest", dest, destUsage)
	fs.StringVar(&opts.BaseURL, "base-url", "", "public address of the site, overriding base_url in hjelperen.toml")
}

func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var opts generator.Options
	fs := newFlags("build", "build [--source DIR] [--dest DIR] [--base-url URL]", stderr)
	siteFlags(fs, &opts, "public", "output folder; replaced atomically after a successful build")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	rep, err := generator.Build(ctx, opts)
	if err != nil {
		return buildFailed(err)
	}
	rep.WriteWarnings(stderr)
	fmt.Fprintf(stdout, "Built %d pages (%d files) into %s in %d ms\n", rep.Pages, rep.Files, opts.Dest, rep.Duration.Milliseconds())
	return nil
}

func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var opts generator.Options
	fs := newFlags("check", "check [--source DIR]", stderr)
	fs.StringVar(&opts.Source, "source", ".", "site folder (with hjelperen.toml, content/, static/, themes/)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	opts.CheckOnly = true
	rep, err := generator.Build(ctx, opts)
	if err != nil {
		return buildFailed(err)
	}
	rep.WriteWarnings(stderr)
	fmt.Fprintf(stdout, "No problems found (%d pages checked)\n", rep.Pages)
	printUntranslated(stdout, rep.Untranslated)
	return nil
}

// buildFailed adds a count to a list of content problems.
func buildFailed(err error) error {
	if l, ok := err.(diag.List); ok && len(l) > 1 {
		return fmt.Errorf("%w\nFant %d feil. Ingenting ble skrevet.", err, len(l))
	}
	if _, ok := err.(diag.List); ok {
		return fmt.Errorf("%w\nIngenting ble skrevet.", err)
	}
	return err
}

// printUntranslated lists per language what is not translated yet; the
// site shows it in the default language, marked with lang.
func printUntranslated(w io.Writer, missing []generator.Untranslated) {
	if len(missing) == 0 {
		return
	}
	fmt.Fprintln(w, "Ikke oversatt ennå (vises på hovedspråket, merket med lang):")
	list := func(lang, what string, items []string) {
		if len(items) > 0 {
			fmt.Fprintf(w, "  %s: %d %s: %s\n", lang, len(items), what, strings.Join(items, ", "))
		}
	}
	for _, u := range missing {
		list(u.Lang, "grensesnittekst(er) mangler i themes/<tema>/i18n/"+u.Lang+".toml", u.Strings)
		list(u.Lang, "tekst(er) mangler i [translations."+u.Lang+"] i hjelperen.toml", u.Config)
		list(u.Lang, "side(r) uten oversettelse", u.Pages)
	}
}
