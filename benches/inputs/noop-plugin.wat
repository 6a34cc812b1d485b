;; The smallest `velocity:plugin` component: every hook answers "nothing to do". Written in
;; the component text format so the host-call benchmark measures the host, not a guest
;; language's runtime. Results are returned through a zeroed area (ok, none).
(component
  (core module $m
    (memory (export "memory") 1)
    (global $bump (mut i32) (i32.const 4096))
    ;; A bump allocator for the arguments the host copies in; reset by every call.
    (func (export "realloc") (param i32 i32 i32 i32) (result i32)
      (local $p i32)
      (local.set $p
        (i32.and
          (i32.add (global.get $bump) (i32.sub (local.get 2) (i32.const 1)))
          (i32.sub (i32.const 0) (local.get 2))))
      (global.set $bump (i32.add (local.get $p) (local.get 3)))
      (block $fits
        (br_if $fits
          (i32.le_u (global.get $bump) (i32.mul (memory.size) (i32.const 65536))))
        (drop
          (memory.grow
            (i32.add
              (i32.shr_u
                (i32.sub (global.get $bump) (i32.mul (memory.size) (i32.const 65536)))
                (i32.const 16))
              (i32.const 1)))))
      (local.get $p))
    (func $reset (global.set $bump (i32.const 4096)))
    (data (i32.const 16) "wat-noop")
    (data (i32.const 32) "0.0.0")
    ;; metadata: name (16, 8), version (32, 5), enforce = normal, no filters.
    (data (i32.const 256) "\10\00\00\00\08\00\00\00\20\00\00\00\05\00\00\00\01")
    (func (export "metadata") (result i32) (i32.const 256))
    (func (export "configure") (param i32 i32) (result i32) (call $reset) (i32.const 1024))
    (func (export "resolve-id") (param i32 i32 i32 i32 i32) (result i32)
      (call $reset) (i32.const 1024))
    (func (export "load") (param i32 i32) (result i32) (call $reset) (i32.const 1024))
    (func (export "transform") (param i32 i32 i32 i32) (result i32)
      (call $reset) (i32.const 1024)))
  (core instance $i (instantiate $m))
  (alias core export $i "memory" (core memory $mem))
  (alias core export $i "realloc" (core func $realloc))

  (type $location' (record (field "file" (option string)) (field "line" u32) (field "column" u32)))
  (export $location "location" (type $location'))
  (type $hook-error' (record (field "message" string) (field "location" (option $location))))
  (export $hook-error "hook-error" (type $hook-error'))
  (type $hook-filter' (record
    (field "id-include" (list string))
    (field "id-exclude" (list string))
    (field "code-includes" (option string))))
  (export $hook-filter "hook-filter" (type $hook-filter'))
  (type $enforce' (enum "pre" "normal" "post"))
  (export $enforce "enforce" (type $enforce'))
  (type $metadata' (record
    (field "name" string)
    (field "version" string)
    (field "enforce" $enforce)
    (field "resolve-filter" (option $hook-filter))
    (field "load-filter" (option $hook-filter))
    (field "transform-filter" (option $hook-filter))))
  (export $metadata-record "metadata-record" (type $metadata'))
  (type $transform-output' (record (field "code" string) (field "source-map" (option string))))
  (export $transform-output "transform-output" (type $transform-output'))

  (func $metadata (result $metadata-record)
    (canon lift (core func $i "metadata") (memory $mem) (realloc $realloc)))
  (export "metadata" (func $metadata))
  (func $configure (param "options-json" string) (result (result (error $hook-error)))
    (canon lift (core func $i "configure") (memory $mem) (realloc $realloc)))
  (export "configure" (func $configure))
  (func $resolve-id (param "specifier" string) (param "importer" (option string))
    (result (result (option string) (error $hook-error)))
    (canon lift (core func $i "resolve-id") (memory $mem) (realloc $realloc)))
  (export "resolve-id" (func $resolve-id))
  (func $load (param "id" string) (result (result (option string) (error $hook-error)))
    (canon lift (core func $i "load") (memory $mem) (realloc $realloc)))
  (export "load" (func $load))
  (func $transform (param "code" string) (param "id" string)
    (result (result (option $transform-output) (error $hook-error)))
    (canon lift (core func $i "transform") (memory $mem) (realloc $realloc)))
  (export "transform" (func $transform))
)
