# Sourced by scripts/*.sh and the Makefile's recipes: which Rust toolchain builds wasm32 here,
# and where the project's pinned npm tools (wasm-opt) live. scripts/setup.sh fills these in.
root=${root:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
toolchain_file="$root/target/.wasm-toolchain"
tools_dir="${XDG_CACHE_HOME:-$HOME/.cache}/anon-modal/tools"
# The toolchain for native tools installed with `cargo install`: the user's default.
native_toolchain=$(cd / && rustup show active-toolchain 2>/dev/null | cut -d' ' -f1)
if [ -z "${RUSTUP_TOOLCHAIN:-}" ] && [ -f "$toolchain_file" ]; then
  RUSTUP_TOOLCHAIN=$(cat "$toolchain_file")
  export RUSTUP_TOOLCHAIN
fi
export PATH="$tools_dir/node_modules/.bin:$HOME/.cargo/bin:$PATH"
