package generator

import (
	"reflect"
	"testing"

	"github.com/baerekrafthjelperen/hjelperen/generator/kinds"
	"github.com/baerekrafthjelperen/hjelperen/generator/model"
)

// bodyOnly lists the fields of model.Page that other pages never show, so
// that an edit to them alone needs no full rebuild. Every other field,
// including one added later, must change the signature.
var bodyOnly = map[string]bool{
	"HTML": true, "Headings": true, "BodyText": true, "Variants": true, "Pos": true, "FieldLines": true,
}

// TestSignatureCoversEveryField sets each field of model.Page in turn (the
// fields of the embedded Meta one by one) and checks that the signature
// changes unless the field is body-only, and that it stays the same for
// body-only fields.
func TestSignatureCoversEveryField(t *testing.T) {
	base := &model.Page{Kind: model.KindPage, Path: "om.md", OutPath: "om.html"}
	want := signature(base)
	forEachField(reflect.TypeFor[model.Page](), nil, func(name string, index []int) {
		p := *base
		f := reflect.ValueOf(&p).Elem().FieldByIndex(index)
		f.Set(nonZero(t, f.Type()))
		got := signature(&p)
		switch {
		case bodyOnly[name] && got != want:
			t.Errorf("setting %s changes the signature; it is meant to be body-only", name)
		case !bodyOnly[name] && got == want:
			t.Errorf("setting %s leaves the signature as it was; other pages may show it", name)
		}
	})
}

// TestSignatureCoversKindData does the same for every field of the data of
// every built-in kind.
func TestSignatureCoversKindData(t *testing.T) {
	for _, k := range kinds.Builtin().All() {
		data := k.NewData()
		if data == nil {
			continue
		}
		want := signature(&model.Page{Kind: k.Name(), Data: data})
		typ := reflect.TypeOf(data).Elem()
		forEachField(typ, nil, func(name string, index []int) {
			v := reflect.New(typ)
			f := v.Elem().FieldByIndex(index)
			f.Set(nonZero(t, f.Type()))
			if signature(&model.Page{Kind: k.Name(), Data: v.Interface()}) == want {
				t.Errorf("%s: setting %s leaves the signature as it was", k.Name(), name)
			}
		})
	}
}

// forEachField calls fn with the name and index of every exported field of
// the struct type t, descending into embedded structs.
func forEachField(t reflect.Type, prefix []int, fn func(name string, index []int)) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		index := append(append([]int(nil), prefix...), i)
		switch {
		case !f.IsExported():
		case f.Anonymous && f.Type.Kind() == reflect.Struct:
			forEachField(f.Type, index, fn)
		default:
			fn(f.Name, index)
		}
	}
}

// nonZero returns a value of type typ that is not the zero value.
func nonZero(t *testing.T, typ reflect.Type) reflect.Value {
	v := reflect.New(typ).Elem()
	switch typ.Kind() {
	case reflect.String:
		v.SetString("x")
	case reflect.Int, reflect.Int64, reflect.Int32:
		v.SetInt(7)
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Slice:
		v.Set(reflect.MakeSlice(typ, 1, 1))
		v.Index(0).Set(nonZero(t, typ.Elem()))
	case reflect.Map:
		v.Set(reflect.MakeMap(typ))
		v.SetMapIndex(nonZero(t, typ.Key()), reflect.Zero(typ.Elem()))
	case reflect.Pointer:
		v.Set(reflect.New(typ.Elem()))
	case reflect.Struct:
		// Setting the first field is enough to make the struct differ.
		v.Field(0).Set(nonZero(t, typ.Field(0).Type))
	case reflect.Interface:
		v.Set(reflect.ValueOf(&model.StepData{Step: 1}))
	default:
		t.Fatalf("nonZero: add a case for %s", typ)
	}
	return v
}
