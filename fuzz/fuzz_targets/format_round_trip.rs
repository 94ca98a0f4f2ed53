#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| smm_fuzz::format_round_trip(data));
